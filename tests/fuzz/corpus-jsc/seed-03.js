const rows = await tools.query("select 1");
if (!rows?.length) return null;
return rows.filter(r => r.ok ?? false).length;