/* privs: placeholder; the owner replaces this file. */
