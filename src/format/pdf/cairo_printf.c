/* cairo_printf.c - the numbers Cairo writes into a PDF, formatted without glibc's printf machinery. */
#include "format/pdf/cairo_printf.h"

#include <fenv.h>
#include <langinfo.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "format/pdf/cairo_code.h"

/* glibc's: the fortified snprintf this file defines, and the function it passes other calls on to. */
int __snprintf_chk(char *restrict s, size_t maxlen, int flag, size_t slen, const char *restrict fmt, ...);
extern int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, va_list ap);

static _Thread_local unsigned long formatted;

unsigned long cairo_printf_formatted(void)
{
	return formatted;
}

/* The decimal digits of v, at least min of them, ending at end; returns where they start. */
static char *decimal(char *end, unsigned long long v, int min)
{
	char *p = end;

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (end - p < min)
		*--p = '0';
	return p;
}

/* The same in lower-case hexadecimal. */
static char *hexadecimal(char *end, unsigned v, int min)
{
	char *p = end;

	do {
		*--p = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	while (end - p < min)
		*--p = '0';
	return p;
}

static const unsigned long long powers_of_ten[] = {
	1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull, 100000000ull,
	1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull, 10000000000000ull,
	100000000000000ull, 1000000000000000ull, 10000000000000000ull, 100000000000000000ull,
	1000000000000000000ull,
};
enum { MAX_PRECISION = 18 };

/*
 * x (finite, 0 <= x < 2^53) times 10^precision (at most 10^18), rounded to the nearest integer,
 * ties to even: what "%.<precision>f" prints, from x's exact binary value (as glibc does), not from
 * a product rounded on the way. The significand times 10^18 is under 2^113.
 */
static unsigned __int128 scaled(double x, int precision)
{
	int e;
	double f = frexp(x, &e);	/* x = f * 2^e, 0.5 <= f < 1 */
	unsigned __int128 p, q, r, half;
	int shift = 53 - e;	/* x * 10^precision = p / 2^shift */

	if (x == 0)
		return 0;
	p = (unsigned __int128)(unsigned long long)ldexp(f, 53) * powers_of_ten[precision];
	if (shift <= 0)
		return p << -shift;
	if (shift >= 120)
		return 0;	/* p < 2^113: under one half */
	q = p >> shift;
	r = p & (((unsigned __int128)1 << shift) - 1);
	half = (unsigned __int128)1 << (shift - 1);
	if (r > half || (r == half && (q & 1)))
		q++;
	return q;
}

/* v in "%.<precision>f" at the end of buf (64 bytes or more); where it starts, or NULL if not here. */
static char *fixed(char *end, double v, int precision)
{
	double x = fabs(v);
	const char *point;
	unsigned __int128 n;
	unsigned long long whole, frac;
	char *p;

	if (!isfinite(v) || x >= 0x1p53 || precision < 0 || precision > MAX_PRECISION
	    || fegetround() != FE_TONEAREST)
		return NULL;
	point = nl_langinfo(RADIXCHAR);
	if (point[0] != '.' || point[1])
		return NULL;
	n = scaled(x, precision);
	if ((n >> 64) == 0) {	/* the common case: 64-bit division */
		whole = (unsigned long long)n / powers_of_ten[precision];
		frac = (unsigned long long)n % powers_of_ten[precision];
	} else {
		whole = (unsigned long long)(n / powers_of_ten[precision]);
		frac = (unsigned long long)(n % powers_of_ten[precision]);
	}
	p = end;
	if (precision > 0) {
		p = decimal(p, frac, precision);
		*--p = '.';
	}
	p = decimal(p, whole, 1);
	if (signbit(v))
		*--p = '-';
	return p;
}

/* len bytes of text into s as snprintf puts them (at most maxlen - 1, then a NUL); returns len. */
static int put(char *s, size_t maxlen, const char *text, size_t len)
{
	if (maxlen) {
		size_t n = len < maxlen ? len : maxlen - 1;

		memcpy(s, text, n);
		s[n] = '\0';
	}
	return (int)len;
}

/* fmt is want (both short: a loop the compiler keeps inline, not a call of strcmp per number). */
static inline bool is(const char *fmt, const char *want)
{
	while (*want && *fmt == *want)
		fmt++, want++;
	return *fmt == *want;
}

int cairo_printf_format(char *s, size_t maxlen, const char *fmt, va_list ap)
{
	char buf[64], *end = buf + sizeof buf, *p = NULL;
	va_list aq;

	if (fmt[0] != '%')
		return -1;
	va_copy(aq, ap);
	if (is(fmt, "%0*x")) {
		int width = va_arg(aq, int);
		unsigned v = va_arg(aq, unsigned);

		if (width >= 0 && width <= 32)
			p = hexadecimal(end, v, width);
	} else if (is(fmt, "%d")) {
		int v = va_arg(aq, int);

		p = decimal(end, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, 1);
		if (v < 0)
			*--p = '-';
	} else if (is(fmt, "%f")) {
		p = fixed(end, va_arg(aq, double), 6);
	} else if (is(fmt, "%.*f")) {
		int precision = va_arg(aq, int);

		p = fixed(end, va_arg(aq, double), precision);
	} else if (is(fmt, "%.18f")) {
		p = fixed(end, va_arg(aq, double), 18);
	}
	va_end(aq);
	return p ? put(s, maxlen, p, (size_t)(end - p)) : -1;
}

/*
 * glibc's __snprintf_chk, which fortified snprintf calls are (Cairo's among them): checked as
 * glibc checks it, then Cairo's commonest conversions formatted here, the rest by glibc.
 */
int __snprintf_chk(char *restrict s, size_t maxlen, int flag, size_t slen, const char *restrict fmt, ...)
{
	va_list ap;
	int n = -1;

	va_start(ap, fmt);
	if (slen >= maxlen && cairo_code_contains(__builtin_return_address(0))) {
		n = cairo_printf_format(s, maxlen, fmt, ap);
		if (n >= 0)
			formatted++;
	}
	if (n < 0)
		n = __vsnprintf_chk(s, maxlen, flag, slen, fmt, ap);
	va_end(ap);
	return n;
}
