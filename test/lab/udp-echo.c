/*
 * udp-echo: a tiny UDP echo responder and bounded client for the Fulcrum IPVS lab.
 *
 * The lab image has no UDP tool (busybox nc has no -u), so this static binary is
 * built by build-image.sh with `gcc -static` and copied into the VM.
 *
 *   udp-echo server PORT
 *       Echo every datagram back to its sender, forever. Listens on [::]:PORT
 *       (dual stack, so IPv4 clients reach it too).
 *
 *   udp-echo client HOST PORT COUNT SIZE [SRC_PORT_BASE] [TIMEOUT_MS]
 *       Send COUNT datagrams of exactly SIZE payload bytes, each from a fresh socket,
 *       and wait up to TIMEOUT_MS (default 1000) for each echo. A fresh socket per
 *       datagram makes IPVS schedule COUNT separate UDP "connections". With
 *       SRC_PORT_BASE > 0 datagram i is sent from source port SRC_PORT_BASE + i, so
 *       runs never collide with a still-cached IPVS UDP entry of an earlier run.
 *       Prints "sent=N received=M size=S" and exits 0 only when every echo came back.
 *
 * Exit codes: 0 success, 1 some echoes missing, 2 usage or socket error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_DATAGRAM 65507

static int usage(void)
{
    fprintf(stderr,
            "usage: udp-echo server PORT\n"
            "       udp-echo client HOST PORT COUNT SIZE [SRC_PORT_BASE] [TIMEOUT_MS]\n");
    return 2;
}

static long parse_number(const char *text, long min, long max, const char *what)
{
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < min || value > max) {
        fprintf(stderr, "udp-echo: bad %s: %s\n", what, text);
        exit(2);
    }
    return value;
}

static int run_server(int port)
{
    int fd = socket(AF_INET6, SOCK_DGRAM, 0);
    if (fd < 0) {
        perror("udp-echo: socket");
        return 2;
    }
    int off = 0;
    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    struct sockaddr_in6 local;
    memset(&local, 0, sizeof local);
    local.sin6_family = AF_INET6;
    local.sin6_addr = in6addr_any;
    local.sin6_port = htons((unsigned short)port);
    if (bind(fd, (struct sockaddr *)&local, sizeof local) < 0) {
        perror("udp-echo: bind");
        return 2;
    }
    static char buffer[MAX_DATAGRAM];
    for (;;) {
        struct sockaddr_storage peer;
        socklen_t peer_len = sizeof peer;
        ssize_t got = recvfrom(fd, buffer, sizeof buffer, 0, (struct sockaddr *)&peer, &peer_len);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            perror("udp-echo: recvfrom");
            return 2;
        }
        sendto(fd, buffer, (size_t)got, 0, (struct sockaddr *)&peer, peer_len);
    }
}

/* Fill *target from a literal IPv4 or IPv6 address; returns the address length or 0. */
static socklen_t resolve_literal(const char *host, int port, struct sockaddr_storage *target)
{
    memset(target, 0, sizeof *target);
    struct sockaddr_in *v4 = (struct sockaddr_in *)target;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)target;
    if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((unsigned short)port);
        return sizeof *v4;
    }
    if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((unsigned short)port);
        return sizeof *v6;
    }
    return 0;
}

static int bind_source_port(int fd, int family, int port)
{
    struct sockaddr_storage local;
    memset(&local, 0, sizeof local);
    socklen_t len;
    if (family == AF_INET) {
        struct sockaddr_in *v4 = (struct sockaddr_in *)&local;
        v4->sin_family = AF_INET;
        v4->sin_addr.s_addr = htonl(INADDR_ANY);
        v4->sin_port = htons((unsigned short)port);
        len = sizeof *v4;
    } else {
        struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&local;
        v6->sin6_family = AF_INET6;
        v6->sin6_addr = in6addr_any;
        v6->sin6_port = htons((unsigned short)port);
        len = sizeof *v6;
    }
    return bind(fd, (struct sockaddr *)&local, len);
}

static int run_client(const char *host, int port, long count, long size, long port_base, long timeout_ms)
{
    struct sockaddr_storage target;
    socklen_t target_len = resolve_literal(host, port, &target);
    if (target_len == 0) {
        fprintf(stderr, "udp-echo: HOST must be a literal IPv4 or IPv6 address: %s\n", host);
        return 2;
    }
    static char payload[MAX_DATAGRAM];
    static char reply[MAX_DATAGRAM];
    for (long i = 0; i < size; i++)
        payload[i] = (char)('a' + i % 26);

    long received = 0;
    for (long i = 0; i < count; i++) {
        int fd = socket(target.ss_family, SOCK_DGRAM, 0);
        if (fd < 0) {
            perror("udp-echo: socket");
            return 2;
        }
        if (port_base > 0 && bind_source_port(fd, target.ss_family, (int)(port_base + i)) < 0) {
            perror("udp-echo: bind source port");
            close(fd);
            return 2;
        }
        if (connect(fd, (struct sockaddr *)&target, target_len) < 0 ||
            send(fd, payload, (size_t)size, 0) != (ssize_t)size) {
            perror("udp-echo: send");
            close(fd);
            continue;
        }
        struct pollfd waiter = {.fd = fd, .events = POLLIN};
        if (poll(&waiter, 1, (int)timeout_ms) == 1) {
            ssize_t got = recv(fd, reply, sizeof reply, 0);
            if (got == size && memcmp(reply, payload, (size_t)size) == 0)
                received++;
        }
        close(fd);
    }
    printf("sent=%ld received=%ld size=%ld\n", count, received, size);
    return received == count ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "server") == 0)
        return run_server((int)parse_number(argv[2], 1, 65535, "port"));
    if ((argc >= 6 && argc <= 8) && strcmp(argv[1], "client") == 0) {
        int port = (int)parse_number(argv[3], 1, 65535, "port");
        long count = parse_number(argv[4], 0, 1000000, "count");
        long size = parse_number(argv[5], 0, MAX_DATAGRAM, "size");
        long port_base = argc >= 7 ? parse_number(argv[6], 0, 65535, "source port base") : 0;
        long timeout_ms = argc >= 8 ? parse_number(argv[7], 1, 60000, "timeout") : 1000;
        if (port_base > 0 && port_base + count - 1 > 65535) {
            fprintf(stderr, "udp-echo: source ports would pass 65535\n");
            return 2;
        }
        return run_client(argv[2], port, count, size, port_base, timeout_ms);
    }
    return usage();
}
