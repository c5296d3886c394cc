/* sandbox: placeholder; the owner replaces this file. */
