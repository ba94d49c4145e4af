/* The hello-world image's only program: a static i386 binary with no libc,
   so the image stays a few kilobytes. Linux i386 syscalls via int 0x80. */
static const char message[] =
  "\n"
  "Hello from Docker!\n"
  "This message shows that your installation appears to be working correctly.\n"
  "\n"
  "To generate this message, Docker took the following steps:\n"
  " 1. The Docker client contacted the Docker daemon.\n"
  " 2. The Docker daemon pulled the \"hello-world\" image from the registry.\n"
  "    (In Docker Browser Lab the registry runs inside this very machine.)\n"
  " 3. The Docker daemon created a new container from that image which runs the\n"
  "    executable that produced the output you are currently reading.\n"
  " 4. The Docker daemon streamed that output to the Docker client, which sent it\n"
  "    to your terminal.\n"
  "\n"
  "To try something more ambitious, you can run a shell in a container with:\n"
  " $ docker run -it busybox sh\n"
  "\n";

static long sys3(long nr, long a, long b, long c) {
  long ret;
  __asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
  return ret;
}

void _start(void) {
  sys3(4 /* write */, 1, (long)message, sizeof message - 1);
  sys3(1 /* exit */, 0, 0, 0);
  for (;;) {}
}
