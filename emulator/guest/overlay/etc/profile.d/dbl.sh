# The machine builds images with Docker's classic builder (daemon.json: "buildkit": false).
# `docker build` asks the daemon; Compose decides from this variable alone, so it is set for the
# learner's shell (/etc/profile) and the page's agent alike, and both build the same way.
export DOCKER_BUILDKIT=0
