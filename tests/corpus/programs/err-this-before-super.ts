async () => {
  class ApiError extends Error {
    status: number;
    constructor(status: number, message: string) {
      this.status = status;
      super(message);
      this.name = 'ApiError';
    }
  }
  const o = await codemode.getOrder({ id: 'ord_1003' });
  if (o.status !== 'delivered') throw new ApiError(409, `order ${o.id} is ${o.status}`);
  return o;
}
