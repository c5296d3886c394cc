```js
const cfg = await codemode.getConfig();
return Object.keys(cfg.features).filter((k) => cfg.features[k]);
```
