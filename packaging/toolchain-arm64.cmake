# ailit for 64-bit ARM: Raspberry Pi 3, 4, 5 and Zero 2 W with a 64-bit Raspberry Pi
# OS or Debian (Debian arm64). From a Debian 12 amd64 machine:
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=packaging/toolchain-arm64.cmake
# `packaging/setup.sh test-arm` installs what it needs and runs the tests in qemu.
set(ailit_triplet aarch64-linux-gnu)
set(ailit_cpu aarch64)
set(ailit_qemu aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-debian-cross.cmake)
