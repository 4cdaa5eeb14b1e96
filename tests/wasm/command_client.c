/*
 * command_client.c — one WebAssembly command run by the test suite's
 * command server (command-server.mjs), as if it ran here: the same
 * arguments, environment, working directory, standard streams and exit
 * status as `node rubricc.mjs ARGS...` in this process's place.
 *
 *   command-client SOCKET PROGRAM [ARGS...]
 *
 * The server opens this process's streams by their paths under /proc.
 * Standard output and standard error go through pipes that this process
 * relays to its own (one pipe when both are the same file, as with 2>&1,
 * so that their order is kept): a file opened again by path would be
 * written from its start, not where this process stands in it. Standard
 * input is given by path when it is a pipe, a device or a file read from
 * its start, so that the command reads exactly what it reads natively
 * and leaves the rest (a shell loop reading a list from the same pipe
 * goes on); this process holds the pipe open for writing until the
 * server has opened it, so that opening it cannot wait for a writer that
 * has already gone. Otherwise (a socket, a file part read) it is relayed
 * through a pipe, as it arrives.
 *
 * An argument naming one of this process's streams (/dev/stderr, and
 * /dev/fd/2 and their kin, whole or after an option's '='), which the
 * server would take for its own, names the file it is instead: WASI opens
 * it by that path as the native program opens /dev/stderr, from its start.
 *
 * Exit status 125 when the server cannot be reached or refuses.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

extern char **environ;

#define FAILED 125

static void fail(const char *what)
{
    fprintf(stderr, "command-client: %s: %s\n", what, strerror(errno));
    exit(FAILED);
}

/* The request under construction: NUL-terminated fields. */
static char *request;
static size_t request_length, request_capacity;

static void add_field(const char *text)
{
    size_t length = strlen(text) + 1;
    if (request_length + length > request_capacity) {
        request_capacity = (request_length + length) * 2;
        request = realloc(request, request_capacity);
        if (request == NULL)
            fail("out of memory");
    }
    memcpy(request + request_length, text, length);
    request_length += length;
}

static void add_count(size_t count)
{
    char text[32];
    snprintf(text, sizeof text, "%zu", count);
    add_field(text);
}

static void add_fd_path(int fd)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/fd/%d", (long)getpid(), fd);
    add_field(path);
}

static void write_all(int fd, const char *data, size_t length)
{
    while (length > 0) {
        ssize_t wrote = write(fd, data, length);
        if (wrote < 0) {
            if (errno == EINTR)
                continue;
            return;     /* the reader is gone: as a program's own write would fail */
        }
        data += wrote;
        length -= (size_t)wrote;
    }
}

/* Whether standard input can be opened again by its path: a pipe, a
 * device or a regular file (not a socket). */
static int input_by_path(void)
{
    struct stat status;
    return fstat(0, &status) == 0 && (S_ISFIFO(status.st_mode) || S_ISCHR(status.st_mode) ||
                                      S_ISBLK(status.st_mode) || S_ISREG(status.st_mode));
}

/* For a pipe as standard input: a writing end of it, held until the
 * server has opened the pipe (-1 for anything else). */
static int hold_input_pipe(void)
{
    struct stat status;
    if (fstat(0, &status) != 0 || !S_ISFIFO(status.st_mode))
        return -1;
    return open("/proc/self/fd/0", O_WRONLY | O_NONBLOCK);
}

static int same_file(int one, int other)
{
    struct stat a, b;
    return fstat(one, &a) == 0 && fstat(other, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* The stream (0, 1, 2) that PATH names as the opener's own, or -1. */
static int stream_named(const char *path)
{
    static const char *const names[][3] = {
        {"/dev/stdin", "/dev/stdout", "/dev/stderr"},
        {"/dev/fd/0", "/dev/fd/1", "/dev/fd/2"},
        {"/proc/self/fd/0", "/proc/self/fd/1", "/proc/self/fd/2"},
    };
    for (size_t kind = 0; kind < sizeof names / sizeof names[0]; kind++)
        for (int stream = 0; stream < 3; stream++)
            if (strcmp(path, names[kind][stream]) == 0)
                return stream;
    return -1;
}

/* ARGUMENT, or when it names one of this process's streams that is a
 * file, the same with that file's path (in BUFFER). */
static const char *own_stream(const char *argument, char *buffer, size_t size)
{
    const char *path = argument, *equals = strchr(argument, '=');
    int stream = stream_named(path);
    if (stream < 0 && equals) {
        path = equals + 1;
        stream = stream_named(path);
    }
    struct stat status;
    if (stream < 0 || fstat(stream, &status) != 0 || !S_ISREG(status.st_mode))
        return argument;
    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", stream);
    ssize_t length = readlink(link, target, sizeof target - 1);
    if (length <= 0)
        return argument;
    target[length] = '\0';
    snprintf(buffer, size, "%.*s%s", (int)(path - argument), argument, target);
    return buffer;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: command-client SOCKET PROGRAM [ARGS...]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);       /* as Node.js: a write to a closed pipe fails */
    int have_input = fcntl(0, F_GETFD) != -1;
    if (!have_input && open("/dev/null", O_RDONLY) != 0)     /* takes descriptor 0 */
        fail("/dev/null");
    int relay_input = !input_by_path();
    int input_writer = relay_input ? -1 : hold_input_pipe();
    int shared_output = same_file(1, 2);
    int input_pipe[2] = {-1, -1}, output_pipe[2], error_pipe[2] = {-1, -1};
    if ((relay_input && pipe(input_pipe) != 0) || pipe(output_pipe) != 0 || (!shared_output && pipe(error_pipe) != 0))
        fail("pipe");

    char cwd[4096];
    if (getcwd(cwd, sizeof cwd) == NULL)
        fail("getcwd");
    add_field(argv[2]);
    add_field(cwd);
    add_fd_path(relay_input ? input_pipe[0] : 0);
    add_fd_path(output_pipe[1]);
    add_fd_path(shared_output ? output_pipe[1] : error_pipe[1]);
    off_t input_read = relay_input ? -1 : lseek(0, 0, SEEK_CUR);
    add_count(input_read > 0 ? (size_t)input_read : 0);
    add_count((size_t)(argc - 3));
    for (int i = 3; i < argc; i++) {
        char own[8192];
        add_field(own_stream(argv[i], own, sizeof own));
    }
    size_t environment_count = 0;
    while (environ[environment_count])
        environment_count++;
    add_count(environment_count);
    for (size_t i = 0; i < environment_count; i++)
        add_field(environ[i]);

    int server = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (server < 0 || strlen(argv[1]) >= sizeof address.sun_path)
        fail("socket");
    memcpy(address.sun_path, argv[1], strlen(argv[1]) + 1);
    if (connect(server, (struct sockaddr *)&address, sizeof address) != 0)
        fail(argv[1]);
    write_all(server, request, request_length);
    shutdown(server, SHUT_WR);

    /* "ready": the server holds its ends of the pipes; ours are closed,
     * so that each pipe ends when the command's end is closed. */
    char reply[512];
    size_t reply_length = 0;
    ssize_t got;
    while (reply_length < sizeof reply - 1 && (got = read(server, reply + reply_length, 1)) == 1 &&
           reply[reply_length] != '\n')
        reply_length++;
    reply[reply_length] = '\0';
    if (strcmp(reply, "ready") != 0) {
        fprintf(stderr, "command-client: the command server refused: %s\n", reply);
        return FAILED;
    }
    close(output_pipe[1]);
    if (!shared_output)
        close(error_pipe[1]);
    if (relay_input)
        close(input_pipe[0]);
    if (input_writer >= 0)
        close(input_writer);

    /* Relay until both outputs end and the status has come. Input waits
     * in INPUT until the command's pipe takes it (never blocking: a
     * command that writes before it reads must not wait on us). */
    if (relay_input)
        fcntl(input_pipe[1], F_SETFL, O_NONBLOCK);
    struct pollfd watched[5] = {
        {.fd = output_pipe[0], .events = POLLIN},
        {.fd = shared_output ? -1 : error_pipe[0], .events = POLLIN},
        {.fd = server, .events = POLLIN},
        {.fd = relay_input ? 0 : -1, .events = POLLIN},
        {.fd = -1, .events = POLLOUT},
    };
    const int destination[2] = {1, 2};
    char buffer[65536], input[65536];
    size_t input_start = 0, input_end = 0;
    reply_length = 0;
    int status_read = 0;
    while (watched[0].fd >= 0 || watched[1].fd >= 0 || !status_read) {
        if (poll(watched, 5, -1) < 0) {
            if (errno == EINTR)
                continue;
            fail("poll");
        }
        for (int stream = 0; stream < 2; stream++)
            if (watched[stream].fd >= 0 && watched[stream].revents) {
                got = read(watched[stream].fd, buffer, sizeof buffer);
                if (got > 0) {
                    write_all(destination[stream], buffer, (size_t)got);
                } else if (got == 0 || errno != EINTR) {
                    close(watched[stream].fd);
                    watched[stream].fd = -1;
                }
            }
        if (watched[2].fd >= 0 && watched[2].revents) {
            got = read(server, reply + reply_length, sizeof reply - 1 - reply_length);
            if (got > 0) {
                reply_length += (size_t)got;
            } else if (got == 0 || errno != EINTR) {
                watched[2].fd = -1;
                status_read = 1;
            }
        }
        if (watched[3].fd >= 0 && watched[3].revents) {
            got = read(0, input, sizeof input);
            if (got > 0) {
                input_start = 0;
                input_end = (size_t)got;
                watched[3].fd = -1;
                watched[4].fd = input_pipe[1];
            } else if (got == 0 || errno != EINTR) {
                close(input_pipe[1]);
                watched[3].fd = -1;
            }
        } else if (watched[4].fd >= 0 && watched[4].revents) {
            got = write(input_pipe[1], input + input_start, input_end - input_start);
            if (got > 0)
                input_start += (size_t)got;
            if (got < 0 && errno != EAGAIN && errno != EINTR) {
                close(input_pipe[1]);       /* the command has closed its input */
                watched[4].fd = -1;
            } else if (input_start == input_end) {
                watched[4].fd = -1;
                watched[3].fd = 0;
            }
        }
    }
    reply[reply_length] = '\0';
    int status;
    if (sscanf(reply, "status %d", &status) != 1) {
        fprintf(stderr, "command-client: the command server answered: %s\n", reply);
        return FAILED;
    }
    return status;
}
