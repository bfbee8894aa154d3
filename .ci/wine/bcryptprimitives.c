/*
 * Test-only stand-in for Windows' bcryptprimitives.dll, for running
 * Leadwerk.exe under Wine in CI. Never ship it.
 *
 * The Go runtime (1.22 and later) takes its random bytes from ProcessPrng
 * in bcryptprimitives.dll, which Windows 10 and later provide. Debian 12's
 * Wine 8.0 has no such DLL, so a Go program dies at start. This DLL
 * exports ProcessPrng and fills the buffer from BCryptGenRandom, which
 * Wine's bcrypt.dll implements.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll \
 *        bcryptprimitives.c bcryptprimitives.def -lbcrypt
 */
#include <windows.h>
#include <bcrypt.h>

/*
 * ProcessPrng fills data with length random bytes and returns TRUE, or
 * FALSE when BCryptGenRandom fails.
 */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	/* BCryptGenRandom takes a ULONG length, so fill in chunks. */
	const SIZE_T max_chunk = 0x7fffffff;

	while (length > 0) {
		ULONG chunk = (ULONG)(length < max_chunk ? length : max_chunk);
		NTSTATUS status = BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG);
		if (!BCRYPT_SUCCESS(status)) {
			return FALSE;
		}

		data += chunk;
		length -= chunk;
	}

	return TRUE;
}
