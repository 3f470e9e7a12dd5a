using System.Runtime.CompilerServices;

// ILGPU's CPU accelerator runs kernels through types it emits into a dynamic assembly named ILGPURuntime; the
// kernel's task structs are internal, so that assembly must see them.
[assembly: InternalsVisibleTo("ILGPURuntime")]
