/* fetch: placeholder; the owner replaces this file. */
