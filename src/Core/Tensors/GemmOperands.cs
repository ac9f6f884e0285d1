namespace GradientService.Core.Tensors;

/// <summary>
/// One product C[m×n] = (or +=) op(A)·op(B) as raw row-major storage: op(A)(i, p) is <c>A[i·Lda + p]</c>, or
/// <c>A[p·Lda + i]</c> when <see cref="TransA"/>; op(B)(p, j) is <c>B[p·Ldb + j]</c>, or <c>B[j·Ldb + p]</c>
/// when <see cref="TransB"/>; or, when <see cref="PackedB"/> is set, B is already packed (see <see cref="PackedMatrix{T}"/>).
/// The pointers are valid only while the caller keeps the arrays pinned.
/// </summary>
internal readonly unsafe struct GemmOperands<T>(
    T* a, nint lda, bool transA, T* b, nint ldb, bool transB, T* c, nint ldc, int m, int n, int k, bool accumulate, T* packedB = null)
    where T : unmanaged
{
    public T* A { get; } = a;
    public nint Lda { get; } = lda;
    public bool TransA { get; } = transA;
    public T* B { get; } = b;
    public nint Ldb { get; } = ldb;
    public bool TransB { get; } = transB;
    public T* C { get; } = c;
    public nint Ldc { get; } = ldc;
    public int M { get; } = m;
    public int N { get; } = n;
    public int K { get; } = k;
    public bool Accumulate { get; } = accumulate;
    public T* PackedB { get; } = packedB;
}
