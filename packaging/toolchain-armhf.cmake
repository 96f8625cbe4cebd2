# ailit for 32-bit ARM (Debian armhf: ARMv7 with hardware floating point):
# Raspberry Pi 2 and later with a 32-bit Raspberry Pi OS or Debian. Not the Pi 1 or
# Zero / Zero W (ARMv6). From a Debian 12 amd64 machine:
#   cmake -S . -B build-armhf -DCMAKE_TOOLCHAIN_FILE=packaging/toolchain-armhf.cmake
# `packaging/setup.sh test-arm` installs what it needs and runs the tests in qemu.
set(ailit_triplet arm-linux-gnueabihf)
set(ailit_cpu armv7l)
set(ailit_qemu arm)
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-debian-cross.cmake)
# qemu-arm-static, with eSpeak NG's data on tmpfs: see qemu-armhf.sh.
set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_CURRENT_LIST_DIR}/qemu-armhf.sh)
