/* seL4 16.0.0's classic system-call numbers, the same on every architecture: written out by hand
 * once for the per-architecture ABI tables (abi_table_<arch>.c), which define EXPECT first. */
EXPECT(seL4_SysCall, -1)
EXPECT(seL4_SysReplyRecv, -2)
EXPECT(seL4_SysSend, -3)
EXPECT(seL4_SysNBSend, -4)
EXPECT(seL4_SysRecv, -5)
EXPECT(seL4_SysReply, -6)
EXPECT(seL4_SysYield, -7)
EXPECT(seL4_SysNBRecv, -8)
EXPECT(seL4_SysDebugPutChar, -9)
EXPECT(seL4_SysDebugHalt, -11)
EXPECT(seL4_SysSetTLSBase, -30)
