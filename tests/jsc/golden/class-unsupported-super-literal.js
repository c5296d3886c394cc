const o = { __proto__: { hi() { return 'hi'; } }, hi() { return super.hi() + '!'; } };
