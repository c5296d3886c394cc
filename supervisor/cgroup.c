/* cgroup: placeholder; the owner replaces this file. */
