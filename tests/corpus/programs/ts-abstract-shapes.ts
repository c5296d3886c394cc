async () => {
  abstract class Shape {
    abstract area(): number;
    describe(): string { return `${this.constructor.name} ${this.area().toFixed(2)}`; }
  }
  class Circle extends Shape { constructor(private r: number) { super(); } area() { return Math.PI * this.r ** 2; } }
  class Rect extends Shape { constructor(private w: number, private h: number) { super(); } area() { return this.w * this.h; } }
  const shapes: Shape[] = [new Circle(1), new Rect(2, 3.5), new Circle(2.5)];
  return shapes.sort((a, b) => a.area() - b.area()).map((s) => s.describe());
}
