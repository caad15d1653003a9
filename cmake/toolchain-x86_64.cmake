# The x86_64 build: kernel, user programs and host tests, all with the pinned clang-19.
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-clang19.cmake)
