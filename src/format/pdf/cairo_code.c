/* cairo_code.c - whether an address is in Cairo's own code (for the program's stand-ins for library functions). */
#include "format/pdf/cairo_code.h"

#include <link.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

/* libcairo.so's executable segment (empty until cairo_code_init). */
static atomic_uintptr_t cairo_lo, cairo_hi;

static int find_cairo(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	(void)data;
	if (!info->dlpi_name || !strstr(info->dlpi_name, "/libcairo.so"))
		return 0;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X)) {
			uintptr_t lo = info->dlpi_addr + ph->p_vaddr;

			atomic_store_explicit(&cairo_hi, lo + ph->p_memsz, memory_order_relaxed);
			atomic_store_explicit(&cairo_lo, lo, memory_order_release);
			return 1;
		}
	}
	return 0;
}

static void init_once(void)
{
	dl_iterate_phdr(find_cairo, NULL);
}

void cairo_code_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, init_once);
}

bool cairo_code_contains(const void *address)
{
	uintptr_t a = (uintptr_t)address, lo = atomic_load_explicit(&cairo_lo, memory_order_acquire);

	return lo && a >= lo && a < atomic_load_explicit(&cairo_hi, memory_order_relaxed);
}
