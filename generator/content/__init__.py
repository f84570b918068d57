"""The content model: content/*.yaml read with positions, validated into a `Guide`, then checked."""
