# The portable USB bundle: `cmake --build BUILD --target usb-bundle` makes a folder to
# copy onto a stick (FAT is fine) that runs on a Linux laptop or Raspberry Pi with none
# of ailit's packages installed: `sh start.sh`. See packaging/usb-bundle/make-bundle.sh
# for what is in it and packaging/usb-bundle/README.txt for teachers.
#
# The libraries are the target's: in a cross build (packaging/toolchain-arm64.cmake)
# they come from the multiarch folders /usr/lib/aarch64-linux-gnu etc., read with
# readelf, never by running the binary. Building the target in two build folders with
# the same AILIT_USB_BUNDLE_DIR puts both architectures on one stick.
set(AILIT_USB_BUNDLE_DIR "${CMAKE_BINARY_DIR}/usb-bundle/ailit" CACHE PATH
    "The folder the usb-bundle target fills (the stick's ailit folder)")

string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" ailit_usb_cpu)
if(ailit_usb_cpu MATCHES "^(x86_64|amd64)$")
  set(ailit_usb_arch amd64)
  set(ailit_usb_triple x86_64-linux-gnu)
elseif(ailit_usb_cpu MATCHES "^(aarch64|arm64)$")
  set(ailit_usb_arch arm64)
  set(ailit_usb_triple aarch64-linux-gnu)
elseif(ailit_usb_cpu MATCHES "^(arm|armv7.*|armhf)$")
  set(ailit_usb_arch armhf)
  set(ailit_usb_triple arm-linux-gnueabihf)
endif()
if(CMAKE_LIBRARY_ARCHITECTURE)
  set(ailit_usb_triple ${CMAKE_LIBRARY_ARCHITECTURE})
endif()

if(NOT ailit_usb_arch)
  add_custom_target(usb-bundle
    COMMAND ${CMAKE_COMMAND} -E echo
            "usb-bundle: no USB bundle for ${CMAKE_SYSTEM_PROCESSOR} (amd64, arm64, armhf)"
    COMMAND ${CMAKE_COMMAND} -E false)
  return()
endif()

set(ailit_usb_sysroot "${CMAKE_SYSROOT}")
set(ailit_usb_search
    "${ailit_usb_sysroot}/lib/${ailit_usb_triple}:${ailit_usb_sysroot}/usr/lib/${ailit_usb_triple}")
if(CMAKE_READELF)
  set(ailit_usb_readelf ${CMAKE_READELF})
else()
  set(ailit_usb_readelf readelf)
endif()
set(ailit_usb_strip_args)
if(CMAKE_STRIP)
  set(ailit_usb_strip_args --strip ${CMAKE_STRIP})
endif()

add_custom_target(usb-bundle
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/usb-bundle/make-bundle.sh
          --out ${AILIT_USB_BUNDLE_DIR} --arch ${ailit_usb_arch}
          --binary $<TARGET_FILE:ailit> --push-binary $<TARGET_FILE:ailit-push>
          --search ${ailit_usb_search}
          --espeak-data ${ailit_usb_sysroot}/usr/lib/${ailit_usb_triple}/espeak-ng-data
          --source ${PROJECT_SOURCE_DIR} --readelf ${ailit_usb_readelf} ${ailit_usb_strip_args}
  DEPENDS ailit ailit-push
  COMMENT "Making the USB bundle (${ailit_usb_arch}) in ${AILIT_USB_BUNDLE_DIR}"
  USES_TERMINAL VERBATIM)
