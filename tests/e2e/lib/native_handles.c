/* native_handles.c: the e2e_native test library's handle classes and callbacks (see
 * native.h): Deck and its iterators (reference counted in C, so an iterator stays valid
 * whatever Python frees first), Session, the synchronous callback users, the module hook,
 * and Bus, whose stored handlers are called later, from the caller's thread or from a
 * thread of its own. */
#include "native.h"
#include "native_impl.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Deck. */

struct deck {
    char *name;
    char **cards; /* NULL entries are holes */
    size_t n, cap;
    uint32_t closes;
    int refs; /* the owner plus each live iterator */
};

struct deck_iter {
    Deck *deck;
    size_t next;
};

static char *dup_text(const char *s) { return native_format("%s", s); }

Deck *deck_new(const char *name)
{
    Deck *d = calloc(1, sizeof *d);
    if (d == NULL || (d->name = dup_text(name)) == NULL) {
        free(d);
        return NULL;
    }
    d->refs = 1;
    native_stats[NATIVE_DECKS_NEW]++;
    return d;
}

static void deck_unref(Deck *d)
{
    if (--d->refs > 0)
        return;
    for (size_t i = 0; i < d->n; i++)
        free(d->cards[i]);
    free(d->cards);
    free(d->name);
    free(d);
}

void deck_free(Deck *d)
{
    native_stats[NATIVE_DECKS_FREED]++;
    deck_unref(d);
}

void deck_push(Deck *d, const char *card)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 4;
        char **cards = realloc(d->cards, cap * sizeof *cards);
        if (cards == NULL)
            return;
        d->cards = cards;
        d->cap = cap;
    }
    d->cards[d->n++] = card ? dup_text(card) : NULL;
}

size_t deck_len(const Deck *d) { return d->n; }
const char *deck_get(const Deck *d, size_t i) { return i < d->n ? d->cards[i] : NULL; }

bool deck_has(const Deck *d, const char *card)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->cards[i] != NULL && strcmp(d->cards[i], card) == 0)
            return true;
    return false;
}

DeckIter *deck_iter(const Deck *d)
{
    DeckIter *it = calloc(1, sizeof *it);
    if (it == NULL)
        return NULL;
    it->deck = (Deck *)d;
    it->deck->refs++;
    native_stats[NATIVE_ITERS_NEW]++;
    return it;
}

const char *deck_iter_next(DeckIter *it)
{
    while (it->next < it->deck->n) {
        const char *card = it->deck->cards[it->next++];
        if (card != NULL)
            return card;
    }
    return NULL;
}

void deck_iter_free(DeckIter *it)
{
    native_stats[NATIVE_ITERS_FREED]++;
    deck_unref(it->deck);
    free(it);
}

void deck_close(Deck *d)
{
    d->closes++;
    native_stats[NATIVE_CLOSES]++;
}

uint32_t deck_closes(const Deck *d) { return d->closes; }
char *deck_name(const Deck *d) { return dup_text(d->name); }
const char *deck_label(const Deck *d) { return d->name; }

void deck_rename(Deck *d, const char *name)
{
    char *copy = dup_text(name);
    if (copy != NULL) {
        free(d->name);
        d->name = copy;
    }
}

size_t deck_visit(const Deck *d, bool (*visit)(uint64_t i, const char *card, void *user),
                  void *user)
{
    size_t yes = 0;
    for (size_t i = 0; i < d->n; i++) {
        native_stats[NATIVE_VISITS]++;
        yes += visit(i, d->cards[i], user);
    }
    return yes;
}

/* Session. */

struct session {
    char name[32];
};

Session *session_open(const char *name)
{
    Session *s = calloc(1, sizeof *s);
    if (s != NULL) {
        strncpy(s->name, name, sizeof s->name - 1);
        native_stats[NATIVE_SESSIONS_NEW]++;
    }
    return s;
}

void session_free(Session *s) { free(s); }
const char *session_name(const Session *s) { return s->name; }

void session_end(Session *s)
{
    native_stats[NATIVE_SESSIONS_ENDED]++;
    free(s);
}

/* Synchronous callbacks: C keeps calling whatever the callback returns. */

int32_t native_each(int32_t n, bool (*visit)(int32_t i, const char *label, void *user),
                    void *user)
{
    static const char *const labels[] = {"a", "b", NULL};
    int32_t yes = 0;
    for (int32_t i = 0; i < n; i++) {
        native_stats[NATIVE_VISITS]++;
        yes += visit(i, labels[i % 3], user);
    }
    return yes;
}

double native_fold(const int32_t *values, size_t n, double init,
                   double (*f)(double acc, int32_t v, void *user), void *user)
{
    for (size_t i = 0; i < n; i++) {
        native_stats[NATIVE_VISITS]++;
        init = f(init, values[i], user);
    }
    return init;
}

uint32_t native_repeat(uint8_t times, void (*f)(uint8_t i, bool last, void *user), void *user)
{
    for (uint8_t i = 0; i < times; i++) {
        native_stats[NATIVE_VISITS]++;
        f(i, i + 1 == times, user);
    }
    return times;
}

/* Stored callbacks. */

static native_hook hook_fn;
static void *hook_user;

void native_set_hook(native_hook hook, void *user)
{
    hook_fn = hook;
    hook_user = user;
}

bool native_fire_hook(int32_t code)
{
    if (hook_fn == NULL)
        return false;
    native_stats[NATIVE_DELIVERIES]++;
    hook_fn(code, hook_user);
    return true;
}

#define BUS_MAX 16

struct bus {
    size_t n;
    bus_handler handlers[BUS_MAX];
    void *users[BUS_MAX];
};

Bus *bus_new(void)
{
    Bus *b = calloc(1, sizeof *b);
    if (b != NULL)
        native_stats[NATIVE_BUSES_NEW]++;
    return b;
}

void bus_free(Bus *b)
{
    native_stats[NATIVE_BUSES_FREED]++;
    free(b);
}

void bus_subscribe(Bus *b, bus_handler handler, void *user)
{
    if (b->n < BUS_MAX) {
        b->handlers[b->n] = handler;
        b->users[b->n++] = user;
    }
}

size_t bus_emit(Bus *b, uint32_t topic, double value)
{
    for (size_t i = 0; i < b->n; i++) {
        native_stats[NATIVE_DELIVERIES]++;
        b->handlers[i](topic, value, b->users[i]);
    }
    return b->n;
}

struct emit_job {
    Bus *bus;
    uint32_t topic;
    double value;
    size_t count;
};

static void *emit_thread(void *arg)
{
    struct emit_job *job = arg;
    job->count = bus_emit(job->bus, job->topic, job->value);
    return NULL;
}

size_t bus_emit_threaded(Bus *b, uint32_t topic, double value)
{
    struct emit_job job = {b, topic, value, 0};
    pthread_t thread;
    if (pthread_create(&thread, NULL, emit_thread, &job) != 0)
        return (size_t)-1;
    pthread_join(thread, NULL);
    return job.count;
}

size_t bus_handlers(const Bus *b) { return b->n; }
void bus_clear(Bus *b) { b->n = 0; }

size_t bus_hold(const Bus *b, double seconds)
{
    native_flag_wait(seconds);
    return b->n;
}

size_t bus_hold_mut(Bus *b, double seconds) { return bus_hold(b, seconds); }

size_t bus_hold_pair(const Bus *b, Bus *other, double seconds)
{
    return bus_hold(b, seconds) + other->n;
}
