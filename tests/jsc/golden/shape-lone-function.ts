interface Args { id: number }
async function run(): Promise<number> {
  return 1;
}
