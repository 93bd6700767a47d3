// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// Emits indexed events, keeps a counter, and reverts with a reason on demand.
contract Emitter {
    uint256 public counter;

    event Ping(address indexed sender, uint256 indexed seq, string note);
    event Pong(uint256 indexed seq);

    function ping(string calldata note) external returns (uint256) {
        counter += 1;
        emit Ping(msg.sender, counter, note);
        if (counter % 2 == 0) emit Pong(counter);
        return counter;
    }

    /// Reverts with `Error(string)`, which ethers surfaces as `reason`.
    function fail(string calldata why) external pure {
        revert(why);
    }

    /// Reverts with a reason only when `n` is zero, so estimateGas fails but a non-zero call works.
    function checked(uint256 n) external pure returns (uint256) {
        require(n != 0, "Emitter: zero is not allowed");
        return n * 2;
    }

    /// The chain id the EVM sees (EIP-1344).
    function chainId() external view returns (uint256) {
        return block.chainid;
    }

    /// Accepts BTC and reports the balance the contract sees.
    function deposit() external payable returns (uint256) {
        return address(this).balance;
    }
}
