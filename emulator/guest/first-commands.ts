// The docker commands a learner types first: the build reads what they touch into the saved
// state's page cache (boot.ts), and records the disk parts they read (record-hot-parts.ts).
export const FIRST_COMMANDS = "docker version; docker info; docker images; docker ps -a";
