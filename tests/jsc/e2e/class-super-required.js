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
