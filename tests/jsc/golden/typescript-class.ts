interface Shape { area(): number }
class Rect implements Shape {
  constructor(private readonly w: number, public h: number = 1) {}
  area(): number { return this.w * this.h; }
}
const r: Shape = new Rect(2, 3);
