# Shared part of packaging/toolchain-arm64.cmake and toolchain-armhf.cmake: ailit
# built on a Debian 12 amd64 machine for a Debian (Raspberry Pi OS) ARM machine,
# with Debian's cross compilers and the target's libraries installed side by side
# through multiarch (libsdl2-dev:arm64 ... in /usr/lib/<triplet>; see
# `packaging/setup.sh test-arm`). The including file sets ailit_triplet and
# ailit_cpu before including this one.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${ailit_cpu})
set(CMAKE_C_COMPILER ${ailit_triplet}-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE ${ailit_triplet})

# Libraries and headers of the target only: the cross compiler's own root, and the
# multiarch folders of this machine's root (found under "/" as /usr/lib/<triplet>).
# Programs (cmake, gzip, node, sh) are this machine's.
set(CMAKE_FIND_ROOT_PATH /usr/${ailit_triplet} /)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config reads the target's .pc files only, never the build machine's.
set(PKG_CONFIG_EXECUTABLE pkg-config CACHE FILEPATH "pkg-config, pointed at the target's .pc files")
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${ailit_triplet}/pkgconfig:/usr/share/pkgconfig)
set(ENV{PKG_CONFIG_PATH} "")

# Test programs run in user-mode emulation (qemu-user-static), named explicitly so
# that no binfmt_misc registration is needed. The target's loader and libraries are
# the multiarch ones (libc6:arm64 puts /lib/ld-linux-aarch64.so.1 in this machine's
# root), the same Debian packages a Pi runs.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-${ailit_qemu}-static -L /)
