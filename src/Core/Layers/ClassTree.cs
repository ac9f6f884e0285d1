namespace GradientService.Core.Layers;

/// <summary>
/// A balanced binary tree over C ≥ 2 classes (Morin &amp; Bengio 2005, §3): C − 1 inner nodes, numbered level by level
/// from the root (0) so that the nodes of one depth are consecutive; a node over the classes [lo, hi) sends
/// [lo, lo + ⌈n/2⌉) to its left child and the rest to its right. Class c's path from the root has ⌊log₂C⌋ or ⌈log₂C⌉
/// nodes; at each it goes right (decision 1, probability σ(s)) or left (0, probability σ(−s)).
/// </summary>
internal sealed class ClassTree
{
    private readonly int[] _pathNodes;
    private readonly byte[] _pathRight;
    private readonly int[] _pathLength;

    public ClassTree(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        Classes = classes;
        Nodes = classes - 1;
        NodeDepth = new int[Nodes];
        // Breadth first over class ranges: a node's id is its place in level order.
        var ranges = new (int Lo, int Hi, int Depth)[Nodes];
        var split = new int[Nodes];
        var left = new int[Nodes];
        var right = new int[Nodes];
        var count = 0;
        ranges[count++] = (0, classes, 1);
        for (var n = 0; n < count; n++)
        {
            var (lo, hi, depth) = ranges[n];
            NodeDepth[n] = depth;
            var mid = lo + (hi - lo + 1) / 2;
            split[n] = mid;
            left[n] = mid - lo >= 2 ? Add(lo, mid) : -1;
            right[n] = hi - mid >= 2 ? Add(mid, hi) : -1;

            int Add(int a, int b)
            {
                ranges[count] = (a, b, depth + 1);
                return count++;
            }
        }
        Depth = NodeDepth[^1];
        DepthStart = new int[Depth + 1];
        for (var n = 0; n < Nodes; n++) DepthStart[NodeDepth[n]] = n + 1;

        _pathNodes = new int[classes * Depth];
        _pathRight = new byte[classes * Depth];
        _pathLength = new int[classes];
        for (var c = 0; c < classes; c++)
        {
            var (node, k) = (0, 0);
            while (node >= 0)
            {
                var goesRight = c >= split[node];
                _pathNodes[c * Depth + k] = node;
                _pathRight[c * Depth + k] = goesRight ? (byte)1 : (byte)0;
                k++;
                node = goesRight ? right[node] : left[node];
            }
            _pathLength[c] = k;
        }
    }

    public int Classes { get; }

    /// <summary>Inner nodes, C − 1: the rows of the output layer's weight matrix.</summary>
    public int Nodes { get; }

    /// <summary>The longest path, ⌈log₂C⌉ nodes.</summary>
    public int Depth { get; }

    /// <summary>1-based depth of each inner node (the root is at depth 1).</summary>
    public int[] NodeDepth { get; }

    /// <summary>The nodes of depth d are DepthStart[d − 1] … DepthStart[d] − 1 (DepthStart[0] = 0).</summary>
    public int[] DepthStart { get; }

    /// <summary>The inner nodes on class <paramref name="c"/>'s path, root first.</summary>
    public ReadOnlySpan<int> PathNodes(int c) => _pathNodes.AsSpan(c * Depth, _pathLength[c]);

    /// <summary>Per node of <see cref="PathNodes"/>: 1 where the path turns right (probability σ(s)), 0 where it turns left.</summary>
    public ReadOnlySpan<byte> PathRight(int c) => _pathRight.AsSpan(c * Depth, _pathLength[c]);
}
