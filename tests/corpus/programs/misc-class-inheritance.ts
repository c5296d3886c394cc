async () => {
  class Animal {
    static count = 0;
    constructor(public name: string) { Animal.count++; }
    speak() { return `${this.name} makes a sound`; }
    toString() { return `Animal(${this.name})`; }
  }
  class Dog extends Animal {
    speak() { return `${super.speak()} — woof`; }
  }
  const d = new Dog('Rex');
  return { speak: d.speak(), str: `${d}`, count: Animal.count, isAnimal: d instanceof Animal, proto: Object.getPrototypeOf(Dog) === Animal };
}
