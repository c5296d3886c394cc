/* host: placeholder; the owner replaces this file. */
