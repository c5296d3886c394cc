/* test-procstatus: the /proc/<pid>/status and /proc/<pid>/syscall parsers,
 * over sample text and over this process's own status.
 * Runs in: test binary. Input: literal samples; /proc/self. */
#include <errno.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "procstatus.h"
#include "tap.h"

/* Trimmed from a sandboxed guest on Linux 6.18, as the host sees it. */
static const char guest[] = "Name:\tcodecell-guest\n"
                            "Umask:\t0022\n"
                            "State:\tS (sleeping)\n"
                            "Tgid:\t4242\n"
                            "NSpid:\t4242\t1\n"
                            "Uid:\t65534\t65534\t65534\t65534\n"
                            "Gid:\t65534\t65534\t65534\t65534\n"
                            "FDSize:\t64\n"
                            "Groups:\t\n"
                            "VmPeak:\t    1234 kB\n"
                            "SigQ:\t0/7823\n"
                            "CapInh:\t0000000000000000\n"
                            "CapPrm:\t0000000000000000\n"
                            "CapEff:\t0000000000000000\n"
                            "CapBnd:\t0000000000000000\n"
                            "CapAmb:\t0000000000000000\n"
                            "NoNewPrivs:\t1\n"
                            "Seccomp:\t2\n"
                            "Seccomp_filters:\t1\n"
                            "Speculation_Store_Bypass:\tthread force mitigated\n"
                            "Cpus_allowed_list:\t0-1\n";

static int parse_str(const char *s, struct procstatus *st)
{
	return procstatus_parse(s, strlen(s), st);
}

/* Replaces the first occurrence of from with to in a copy of guest. */
static int parse_edit(const char *from, const char *to, struct procstatus *st)
{
	static char buf[4096];
	const char *at = strstr(guest, from);
	if (!at)
		return -999;
	size_t pre = (size_t)(at - guest);
	snprintf(buf, sizeof buf, "%.*s%s%s", (int)pre, guest, to, at + strlen(from));
	return parse_str(buf, st);
}

int main(void)
{
	struct procstatus st;

	TAP_EQ_INT(parse_str(guest, &st), 0, "a sandboxed guest's status parses");
	TAP_EQ_INT(st.cap_eff, 0, "CapEff");
	TAP_EQ_INT(st.no_new_privs, 1, "NoNewPrivs");
	TAP_EQ_INT(st.seccomp, 2, "Seccomp");
	TAP_EQ_INT(st.seccomp_filters, 1, "Seccomp_filters");
	TAP_EQ_INT(st.uid[0], 65534, "real uid");
	TAP_EQ_INT(st.gid[3], 65534, "fs gid");
	TAP_EQ_INT(st.ngroups, 0, "empty Groups line");

	TAP_EQ_INT(parse_edit("CapBnd:\t0000000000000000", "CapBnd:\t000001ffffffffff", &st), 0,
	           "a full bounding set parses");
	TAP_EQ_INT(st.cap_bnd, 0x1ffffffffffull, "CapBnd value");
	TAP_EQ_INT(parse_edit("Groups:\t\n", "Groups:\t0 4 27 \n", &st), 0, "groups parse");
	TAP_EQ_INT(st.ngroups, 3, "three supplementary groups");
	TAP_EQ_INT(parse_edit("Seccomp_filters:\t1\n", "", &st), 0, "Seccomp_filters is optional (pre-5.9 kernels)");
	TAP_EQ_INT(st.seccomp_filters, -1, "absent Seccomp_filters reads -1");

	TAP_EQ_INT(parse_edit("CapEff:\t0000000000000000\n", "", &st), -EINVAL, "missing CapEff fails");
	TAP_EQ_INT(parse_edit("NoNewPrivs:\t1\n", "", &st), -EINVAL, "missing NoNewPrivs fails");
	TAP_EQ_INT(parse_edit("Seccomp:\t2\n", "", &st), -EINVAL, "missing Seccomp fails");
	TAP_EQ_INT(parse_edit("CapEff:\t0000000000000000", "CapEff:\t000000000000000", &st), -EINVAL,
	           "15 hex digits fail");
	TAP_EQ_INT(parse_edit("CapEff:\t0000000000000000", "CapEff:\t00000000000000000", &st), -EINVAL,
	           "17 hex digits fail");
	TAP_EQ_INT(parse_edit("CapEff:\t0000000000000000", "CapEff:\t000000000000000G", &st), -EINVAL,
	           "a non-hex digit fails");
	TAP_EQ_INT(parse_edit("CapEff:\t0000000000000000", "CapEff:\t000000000000000A", &st), -EINVAL,
	           "upper-case hex fails (the kernel prints lower case)");
	TAP_EQ_INT(parse_edit("Seccomp:\t2", "Seccomp:\t3", &st), -EINVAL, "Seccomp 3 fails");
	TAP_EQ_INT(parse_edit("NoNewPrivs:\t1", "NoNewPrivs:\t2", &st), -EINVAL, "NoNewPrivs 2 fails");
	TAP_EQ_INT(parse_edit("NoNewPrivs:\t1", "NoNewPrivs:\t", &st), -EINVAL, "empty NoNewPrivs fails");
	TAP_EQ_INT(parse_edit("Seccomp:\t2", "Seccomp:\t2\nSeccomp:\t0", &st), -EINVAL, "a repeated field fails");
	TAP_EQ_INT(parse_edit("Uid:\t65534\t65534\t65534\t65534", "Uid:\t1\t2\t3", &st), -EINVAL, "three uids fail");
	TAP_EQ_INT(parse_edit("Uid:\t65534", "Uid:\t99999999999", &st), -EINVAL, "a uid above 2^32 fails");
	TAP_EQ_INT(parse_edit("Name:\tcodecell-guest", "Name:\tCapEff: ffffffffffffffff", &st), 0,
	           "a process name that looks like a field is ignored");
	TAP_EQ_INT(st.cap_eff, 0, "and CapEff still reads 0");
	TAP_EQ_INT(procstatus_parse(guest, strlen(guest) - 1, &st), 0, "no trailing newline is fine");
	TAP_EQ_INT(procstatus_parse("", 0, &st), -EINVAL, "empty text fails");
	TAP_EQ_INT(procstatus_parse(guest, PROCSTATUS_MAX_BYTES + 1, &st), -EINVAL, "oversized text fails");

	/* This very process: NoNewPrivs agrees with prctl. */
	TAP_EQ_INT(procstatus_read(getpid(), &st), 0, "read /proc/self status");
	TAP_EQ_INT(st.no_new_privs, prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), "NoNewPrivs matches prctl");
	TAP_EQ_INT(st.uid[1], geteuid(), "effective uid matches geteuid");
	TAP_EQ_INT(procstatus_read(-5, &st), -ENOENT, "a bad pid fails with ENOENT");

	long nr = 7;
	TAP_EQ_INT(procstatus_parse_syscall("101 0x1 0x2 0x3 0x4 0x5 0x6 0x7ffc 0x4011\n", 40, &nr), 0,
	           "syscall line parses");
	TAP_EQ_INT(nr, 101, "syscall number");
	TAP_EQ_INT(procstatus_parse_syscall("-1 0x0 0x0\n", 11, &nr), 0, "a task outside syscalls");
	TAP_EQ_INT(nr, -1, "reads -1");
	TAP_EQ_INT(procstatus_parse_syscall("running\n", 8, &nr), 0, "a running task");
	TAP_EQ_INT(nr, -1, "reads -1");
	TAP_EQ_INT(procstatus_parse_syscall("x1 0x0", 6, &nr), -EINVAL, "garbage fails");
	TAP_EQ_INT(procstatus_parse_syscall("", 0, &nr), -EINVAL, "empty fails");
	TAP_EQ_INT(procstatus_parse_syscall("12345678901234 0", 16, &nr), -EINVAL, "an overlong number fails");

	/* /proc/<pid>/stat: a comm with spaces and parentheses, as a program
	 * can name itself anything (prctl PR_SET_NAME). */
	static const char stat_text[] = "4242 (a) b (c) S 1 4242 4242 0 -1 4194560 120 0 0 0 37 11 0 0 20 0 1 0 "
	                                "987654 1000 200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0\n";
	struct procstat ps;
	TAP_EQ_INT(procstatus_parse_stat(stat_text, sizeof stat_text - 1, &ps), 0, "stat parses after the last ')'");
	TAP_EQ_INT(ps.utime, 37, "utime is field 14");
	TAP_EQ_INT(ps.stime, 11, "stime is field 15");
	TAP_EQ_INT(ps.starttime, 987654, "starttime is field 22");
	static const char truncated[] = "1 (x) S 1 2 3", noparen[] = "1 x S 1",
	                  nonnumeric[] = "1 (x) S 1 2 3 4 5 6 7 8 9 10 x 12 13 14 15 16 17 18 19";
	TAP_EQ_INT(procstatus_parse_stat(truncated, strlen(truncated), &ps), -EINVAL, "a truncated stat fails");
	TAP_EQ_INT(procstatus_parse_stat(noparen, strlen(noparen), &ps), -EINVAL, "a stat without ')' fails");
	TAP_EQ_INT(procstatus_parse_stat(nonnumeric, strlen(nonnumeric), &ps), -EINVAL, "a non-numeric field fails");
	TAP_EQ_INT(procstatus_read_stat(getpid(), &ps), 0, "our own stat reads");
	TAP_EQ_INT(procstatus_read_stat(-5, &ps) < 0, 1, "a bad pid fails");
	return tap_done();
}
