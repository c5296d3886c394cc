/* fsops: placeholder; the owner replaces this file. */
