// Runs a command and writes what it used to a file: "PEAK_RSS_KIB USER_US SYS_US" (wait4's rusage of the command
// and of the children it waited for). Usage: rusage OUTPUT COMMAND [ARGS...]; exits with the command's status.
//
// Why not wait4 from the benchmark itself: a process forked from the benchmark (Python, tens of MiB resident)
// starts with the benchmark's pages, and ru_maxrss keeps that high-water mark across exec: every peak RSS it
// reports is at least the benchmark's own. This helper is small when it forks the command, so the command's
// ru_maxrss is its own. bench/own.py builds it with the system's C compiler.
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t child;

static void forward(int signal) {
    if (child > 0) kill(child, signal);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: rusage OUTPUT COMMAND [ARGS...]\n");
        return 125;
    }
    child = fork();
    if (child < 0) {
        perror("rusage: fork");
        return 125;
    }
    if (child == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);  // a helper killed takes the command with it
        execvp(argv[2], argv + 2);
        perror("rusage: exec");
        _exit(127);
    }
    signal(SIGTERM, forward);
    signal(SIGINT, forward);
    signal(SIGHUP, forward);
    int status;
    struct rusage usage;
    while (wait4(child, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            perror("rusage: wait4");
            return 125;
        }
    }
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror("rusage: the output file");
        return 125;
    }
    fprintf(out, "%ld %ld %ld\n", usage.ru_maxrss, usage.ru_utime.tv_sec * 1000000L + usage.ru_utime.tv_usec,
            usage.ru_stime.tv_sec * 1000000L + usage.ru_stime.tv_usec);
    fclose(out);
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 125;
}
