/* procstatus: placeholder; the owner replaces this file. */
