/* policy: placeholder; the owner replaces this file. */
