/* seccomp: placeholder; the owner replaces this file. */
