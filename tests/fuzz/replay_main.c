/*
 * replay_main.c — runs a libFuzzer target without libFuzzer: every file
 * named on the command line (directories recursively) is fed to
 * LLVMFuzzerTestOneInput once.  Lets gcc builds and CI replay the corpus.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay(const char *path, int *count)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: %s: cannot stat\n", path);
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        struct dirent **ents;
        int n = scandir(path, &ents, NULL, alphasort), rc = 0;
        if (n < 0)
            return 1;
        for (int i = 0; i < n; i++) {
            if (ents[i]->d_name[0] != '.' && rc == 0) {
                char sub[4096];
                snprintf(sub, sizeof sub, "%s/%s", path, ents[i]->d_name);
                rc = replay(sub, count);
            }
            free(ents[i]);
        }
        free(ents);
        return rc;
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        return 1;
    uint8_t *buf = malloc((size_t)st.st_size + 1);
    size_t got = buf ? fread(buf, 1, (size_t)st.st_size, f) : 0;
    fclose(f);
    if (!buf)
        return 1;
    LLVMFuzzerTestOneInput(buf, got);
    free(buf);
    (*count)++;
    return 0;
}

int main(int argc, char **argv)
{
    int count = 0;
    for (int i = 1; i < argc; i++)
        if (replay(argv[i], &count) != 0)
            return 1;
    if (count == 0) {
        fprintf(stderr, "replay: no inputs found\n");
        return 1;
    }
    printf("replayed %d inputs\n", count);
    return 0;
}
