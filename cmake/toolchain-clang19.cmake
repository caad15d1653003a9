# Pinned toolchain: clang-19 and lld-19 from Debian, one compiler for every target. The host is
# x86_64, so host tests and the x86_64 kernel share it; freestanding targets (the kernel of either
# architecture, user programs) add their own --target and flags (CMakeLists.txt).
set(CMAKE_C_COMPILER clang-19)
set(CMAKE_CXX_COMPILER clang++-19)
set(CMAKE_ASM_COMPILER clang-19)
set(KEEL_OBJCOPY llvm-objcopy-19)
set(KEEL_OBJDUMP llvm-objdump-19)
set(CMAKE_LINKER_TYPE LLD)
set(CMAKE_EXE_LINKER_FLAGS_INIT "-fuse-ld=lld")
