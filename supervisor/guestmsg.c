/* guestmsg: placeholder; the owner replaces this file. */
