function helper() { return 1; }
async function run() {
  return helper();
}
