# The aarch64 build: the same pinned clang-19 and lld-19; the kernel's target flags follow
# KEEL_ARCH (CMakeLists.txt), which the preset `aarch64` sets.
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-clang19.cmake)
