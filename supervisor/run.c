/* run: placeholder; the owner replaces this file. */
