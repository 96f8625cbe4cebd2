# The offline installer folder for schools without internet:
#   cmake --build BUILD --target offline-installer
# makes this build's .deb (as cpack does) and, next to it, the folder
# BUILD/offline-installer/ailit-offline-ARCH: the .deb, every package a minimal Debian 12
# of that architecture lacks, install.sh and README.txt (packaging/make-offline-installer.sh).
# Building it needs a Debian mirror; the school needs only the folder. ARCH is the
# package's: the target's in a cross build (packaging/toolchain-*.cmake), else this
# machine's.
if(CPACK_DEBIAN_PACKAGE_ARCHITECTURE)
  set(ailit_offline_arch ${CPACK_DEBIAN_PACKAGE_ARCHITECTURE})
else()
  execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE ailit_offline_arch
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
endif()
set(ailit_offline_dir ${CMAKE_BINARY_DIR}/offline-installer)
add_custom_target(offline-installer
  COMMAND cpack --config ${CMAKE_BINARY_DIR}/CPackConfig.cmake -B ${ailit_offline_dir}/deb
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/make-offline-installer.sh ${ailit_offline_arch}
          ${ailit_offline_dir}/deb/ailit_${PROJECT_VERSION}_${ailit_offline_arch}.deb
          ${ailit_offline_dir}/ailit-offline-${ailit_offline_arch}
  DEPENDS ailit
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
  COMMENT "Making the offline installer folder (${ailit_offline_arch}) in ${ailit_offline_dir}"
  USES_TERMINAL VERBATIM)
