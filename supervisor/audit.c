/* audit: placeholder; the owner replaces this file. */
