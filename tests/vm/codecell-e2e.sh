#!/bin/sh
# codecell end to end inside the cgroup-v2-only VM (tests/vm/vmtest.py):
# the real supervisor and guest, with --cgroup required, must enforce and
# report the v2 memory, CPU and wall limits. TAP on stdout.
n=0
check() { # description, then a shell condition
	n=$((n + 1))
	if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; echo "# $(head -c 600 /tmp/out)"; fi
}
CC=/bin/codecell
# The run's own stats field KEY in /tmp/out: the first one; stats.supervisor
# (the supervisor's own usage) comes after it with the same key names.
first() { grep -o "\"$1\":[0-9]*" /tmp/out | head -n 1 | cut -d: -f2; }

echo '[1, 2, 3].map(x => x * 2)' > /tmp/ok.js
$CC run --json --cgroup required /tmp/ok.js > /tmp/out 2>&1
check "a program runs with cgroup required" 'grep -q "\"status\":\"ok\",\"value\":\[2,4,6\]" /tmp/out'
check "the report says cgroup v2, nothing degraded" 'grep -q "\"cgroup\":\"v2\",\"degraded\":\[\]" /tmp/out'
check "the report shows every namespace and seccomp" \
	'grep -q "\"namespaces\":\[\"user\",\"pid\",\"mount\",\"net\",\"ipc\",\"uts\",\"cgroup\"\],\"seccomp\":true" /tmp/out'

# Heap cap far above the cgroup limit: only memory.max can stop this.
echo 'var a=[]; var s=new Array(100001).join("x"); while(true) a.push(s.slice(1)+a.length);' > /tmp/bomb.js
$CC run --json --cgroup required --memory 48MiB --heap 1GiB --timeout 60s /tmp/bomb.js > /tmp/out 2>&1
check "memory bomb is killed by memory.max: status memory_limit" 'grep -q "\"status\":\"memory_limit\"" /tmp/out'
check "the memory message names the cgroup limit" 'grep -q "50331648-byte memory limit" /tmp/out'
check "peak memory is reported near the limit" \
	'peak=$(first memory_peak_bytes); [ "${peak:-0}" -gt 40000000 ]'

echo 'while (true) {}' > /tmp/spin.js
$CC run --json --cgroup required --cpu 1s --timeout 60s /tmp/spin.js > /tmp/out 2>&1
check "CPU spin ends with cpu_limit" 'grep -q "\"status\":\"cpu_limit\"" /tmp/out'
check "cpu_ms is measured from cpu.stat" \
	'ms=$(first cpu_ms); [ "${ms:-0}" -ge 1000 ]'

$CC run --json --cgroup required --cpu 60s --timeout 2s /tmp/spin.js > /tmp/out 2>&1
check "wall clock ends a spin with timeout" 'grep -q "\"status\":\"timeout\"" /tmp/out'

# codecell serve: each run's supervisor R uses the server's cgroup probe
# (run_config.cgroup_host), so on this v2 host a run through the server must
# enforce and report exactly as codecell run does. stdin stays open until
# both runs are done (EOF ends the server).
printf '%s\n' '{"v":1,"type":"start","run":"a","code":"1 + 1"}' \
	'{"v":1,"type":"start","run":"b","code":"while (true) {}","limits":{"cpu":"1s","wall":"30s"}}' > /tmp/serve.in
(cat /tmp/serve.in; sleep 6) | $CC serve --stdio --pool 1 > /tmp/out 2>/tmp/serve.err
check "serve: a run reports cgroup v2, nothing degraded" \
	'grep "\"run\":\"a\"" /tmp/out | grep "\"status\":\"ok\"" | grep -q "\"cgroup\":\"v2\",\"degraded\":\[\]"'
check "serve: a CPU spin ends with cpu_limit" 'grep "\"run\":\"b\"" /tmp/out | grep -q "\"status\":\"cpu_limit\""'

# No codecell-run-* group may be left behind.
left=$(find /sys/fs/cgroup -maxdepth 3 -name 'codecell-run-*' | wc -l)
check "run cgroups are removed after each run" '[ "$left" -eq 0 ]'
echo "1..$n"
