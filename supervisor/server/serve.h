/* serve: `codecell serve`, the long-lived server: accepts connections (a
 * Unix socket, a socket from systemd, or stdio), routes each client line
 * by its run id to that run's own supervisor process (runproc.h), queues
 * starts past --max-runs, keeps a pool of sandboxes spawned ahead, and
 * drains on SIGTERM. It never runs a program itself and holds no run's
 * state beyond the bytes in flight.
 * Runs in: server (S). Input: client lines (envelope.h decodes them),
 * lines from the per-run supervisors (our own code), signals. */
#pragma once

/* `codecell serve ...` (argv[0] is "serve"); guest_path is where main.c
 * found the guest binary. Returns the exit code. */
int serve_main(int argc, char **argv, const char *guest_path);
