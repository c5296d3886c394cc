// A derived constructor that returns without calling super() throws
// node's ReferenceError.
class A {}
class B extends A { constructor() {} }
try { new B(); console.log('no'); } catch (e) { console.log(e.constructor.name, e.message); }
class D extends A { constructor() { return undefined; } } // (a bare `return;` is a documented deviation)
try { new D(); console.log('no'); } catch (e) { console.log(e.constructor.name); }
class E extends A { constructor() { super(); } }
class F extends A { constructor() { return {}; } }
class G extends A {}
console.log(new E() instanceof E, new F() instanceof F, new G() instanceof G);
// `this` before super() is node's ReferenceError too, also through an arrow
// and in a try; after super() an arrow made before it sees the instance.
class H extends A { constructor() { this.x = 1; super(); } }
try { new H(); console.log('no'); } catch (e) { console.log(e.constructor.name, e.message); }
class I extends A { constructor() { const f = () => this; try { f(); } catch (e) { console.log('early', e.constructor.name); } super(); console.log(f() === this); } }
new I();
class J extends Error { constructor(m) { super(m); this.name = 'J'; } }
console.log(String(new J('ok')));
