/* filter: placeholder; the owner replaces this file. */
