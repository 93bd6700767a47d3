// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// The smallest useful contract: state, an event, and a revert reason.
contract Counter {
    uint256 public count;
    address public owner;

    event Incremented(address indexed by, uint256 count);

    constructor(uint256 start) {
        count = start;
        owner = msg.sender;
    }

    function increment() external {
        count += 1;
        emit Incremented(msg.sender, count);
    }

    function reset() external {
        require(msg.sender == owner, "Counter: only the owner resets");
        count = 0;
    }
}
