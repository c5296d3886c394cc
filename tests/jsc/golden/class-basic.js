class Point {
  x = 0;
  #tag = 'p';
  constructor(x) { this.x = x; }
  get tag() { return this.#tag; }
  static origin() { return new Point(0); }
}
