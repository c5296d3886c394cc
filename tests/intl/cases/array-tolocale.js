// toLocaleString of arrays and typed arrays forwards locales and options to each element.
console.log(new Float64Array([0, 1234.5]).toLocaleString("de"), new Uint8Array([1,2]).toLocaleString(), [1234.5].toLocaleString("en", {minimumFractionDigits: 3})); try { Object.getPrototypeOf(Int8Array.prototype).toLocaleString.call([]) } catch (e) { console.log(e.name) }
